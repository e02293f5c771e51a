import { listImportBatches, submitImportBatch } from './batches.js';
import { createImportJob, finishImportJob, getImportJob, listImportJobs } from './jobs.js';
import { listImportRejections } from './rejections.js';
import './tables.js';

export const importHandlers = {
  createImportJob,
  listImportJobs,
  getImportJob,
  finishImportJob,
  submitImportBatch,
  listImportBatches,
  listImportRejections,
};
