import { accountsContract } from '../../../core/stores/testing/accounts';
import { pgStoresForThisFile } from '../../../testing/pgStoresOpen';

const pg = pgStoresForThisFile('accounts store');
accountsContract('PostgreSQL', pg.openPublishing);
