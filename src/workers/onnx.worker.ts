/** Web Worker entry: imports dropped ONNX files off the main thread (see ./onnx-job.ts). */
import { ONNX_SERVE, importJob } from './onnx-job.ts';
import { serve } from './rpc.ts';

serve(importJob, ONNX_SERVE);
