import os from "node:os";

export interface MachineDescription {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    os: string;
    arch: string;
    /** Filled by the model suite when it runs on a GPU. */
    gpu?: string;
}

export function describeMachine(): MachineDescription {
    return {
        cpu: os.cpus()[0]?.model.trim() ?? "unknown",
        cores: os.availableParallelism(),
        memoryGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
        node: process.version,
        os: `${os.type()} ${os.release()}`,
        arch: process.arch
    };
}

export function machineLine(machine: MachineDescription) {
    return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os} ${machine.arch}` +
        (machine.gpu != null ? `, GPU: ${machine.gpu}` : "");
}
