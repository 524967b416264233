import '@material/web/checkbox/checkbox.js';
import '@material/web/button/filled-button.js';
