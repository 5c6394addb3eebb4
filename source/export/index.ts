export {exportPolicy, isExportFormat} from "./exportPolicy.js";
export {EXPORT_EXTENSIONS, EXPORT_FORMATS, ExportError, type ExportContext, type ExportFormat} from "./types.js";
export {TERRAFORM_REFERENCES} from "./terraform.js";
export {readPolicyFile} from "./readPolicyFile.js";
export {ImportError} from "./importErrors.js";
