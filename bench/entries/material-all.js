import '@material/web/button/filled-button.js';
import '@material/web/button/text-button.js';
import '@material/web/checkbox/checkbox.js';
import '@material/web/dialog/dialog.js';
import '@material/web/labs/card/outlined-card.js';
import '@material/web/list/list-item.js';
import '@material/web/list/list.js';
import '@material/web/textfield/outlined-text-field.js';
