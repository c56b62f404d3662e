/** Module Web Worker running ERF simulations off the main thread (see ./erf-job.ts). */
import { ERF_SERVE, erfJob } from './erf-job';
import { serve } from './rpc';

serve(erfJob, ERF_SERVE);
