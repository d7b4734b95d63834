/**
 * Entry point of the dashboard: wires the runs and analytics sections together. The only link between
 * them is that a job which changed the warehouse makes the charts reload.
 */

import { createAnalytics } from './analytics.js';
import { createRuns } from './runs.js';

const analytics = createAnalytics(document.getElementById('analytics'));
const runs = createRuns(document.getElementById('runs'), { onWarehouseChanged: () => analytics.reload() });

analytics.start();
runs.start();
