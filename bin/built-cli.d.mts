export declare const builtCliPath: (root: string) => string;
export declare function newestMtimeMs(dir: string): number;
export declare function builtCliIsCurrent(root: string): boolean;
