import '@material/web/button/filled-button.js';
import '@material/web/dialog/dialog.js';
