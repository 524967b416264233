import '@material/web/labs/card/outlined-card.js';
import '@material/web/button/text-button.js';
