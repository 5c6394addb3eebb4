/** Appends a property or index to a JSON path: `$.Statement[0]`, `$.Statement[0].Condition["aws:SourceIp"]`. */
export function childPath(path: string, key: string | number): string {
    if (typeof key === "number")
        return `${path}[${key}]`;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Converts an ajv instance path (`/Statement/0/Action/1`) to a JSON path (`$.Statement[0].Action[1]`). */
export function jsonPathFromPointer(pointer: string): string {
    let path = "$";
    for (const raw of pointer.split("/").slice(1)) {
        const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        path = childPath(path, /^\d+$/.test(key) ? Number(key) : key);
    }
    return path;
}
