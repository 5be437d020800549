export declare const BUILT_CLI_INPUTS: string;
export interface BuiltCliInputs {
  files: { path: string; size: number; mtimeMs: number }[];
}
export declare const builtCliPath: (root: string) => string;
export declare function builtCliStaleReason(root: string): string | null;
