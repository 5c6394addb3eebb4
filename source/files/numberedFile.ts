import path from "node:path";

/** `policies/x.json` → `policies/x-2.json`: where part 2 of a policy packed into several goes. */
export function numberedFile(file: string, index: number): string {
    const extension = path.extname(file);
    return `${file.slice(0, file.length - extension.length)}-${index}${extension}`;
}
