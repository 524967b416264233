// Registers every Weerbaar element (names already taken are left alone).
import './norm-banner/define.js';
import './signal-checklist/define.js';
import './support-directory/define.js';
import './report-button/define.js';
