// The pages for admins and auditors, a chunk of their own: people who only handle reports never load them.
export { AccountsPage, accountsView } from './accounts-page.js';
export { StatisticsPage, statisticsView } from './statistics-page.js';
