// What the .mlmodel codec reads and writes: the subset of a Core ML NeuralNetwork model that Tetherscope uses.
// The same layer shapes serve both directions; only weights differ (the reader reports how many values a
// weight holds, the writer takes the values).
import type { CoremlActivationName, CoremlArrayDataType } from './fields.js';

export type CoremlFeatureType =
  | { readonly kind: 'multiArray'; readonly shape: readonly number[]; readonly dataType: CoremlArrayDataType | 'unknown' }
  | { readonly kind: 'image'; readonly width: number; readonly height: number; readonly colorSpace: number }
  | { readonly kind: 'int64' | 'double' | 'string' | 'dictionary' | 'sequence' | 'state' | 'unknown' };

export interface CoremlFeature {
  readonly name: string;
  readonly shortDescription: string;
  readonly type: CoremlFeatureType;
}

export interface CoremlMetadata {
  readonly shortDescription: string;
  readonly versionString: string;
  readonly author: string;
  readonly license: string;
  readonly userDefined: Readonly<Record<string, string>>;
}

export interface CoremlDescription {
  readonly inputs: readonly CoremlFeature[];
  readonly outputs: readonly CoremlFeature[];
  readonly metadata: CoremlMetadata | null;
}

/** What the reader says about one WeightParams: how many values it holds and how they are stored. */
export interface CoremlWeightInfo {
  readonly count: number;
  readonly storage: 'float32' | 'float16' | 'raw' | 'int8' | 'none';
}

export type CoremlPadding = 'valid' | 'same';

/** Layer parameters by type; `W` is CoremlWeightInfo when read and Float32Array when written. */
export type CoremlLayerParams<W> =
  | {
      readonly type: 'convolution';
      readonly outputChannels: number;
      readonly kernelChannels: number;
      readonly nGroups: number;
      /** [height, width] */
      readonly kernelSize: readonly [number, number];
      readonly stride: readonly [number, number];
      readonly dilation: readonly [number, number];
      readonly padding: CoremlPadding;
      readonly weights: W;
      readonly bias: W | null;
    }
  | {
      readonly type: 'pooling';
      readonly pooling: 'max' | 'average' | 'l2';
      readonly kernelSize: readonly [number, number];
      readonly stride: readonly [number, number];
      readonly padding: CoremlPadding | 'includeLastPixel';
      readonly globalPooling: boolean;
    }
  | { readonly type: 'activation'; readonly activation: CoremlActivationName | 'unknown'; readonly alpha: number }
  | {
      readonly type: 'innerProduct';
      readonly inputChannels: number;
      readonly outputChannels: number;
      readonly weights: W;
      readonly bias: W | null;
    }
  | { readonly type: 'batchnorm'; readonly channels: number; readonly epsilon: number; readonly gamma: W; readonly beta: W; readonly mean: W; readonly variance: W }
  | { readonly type: 'softmax' }
  | { readonly type: 'add'; readonly alpha: number }
  | { readonly type: 'reshape'; readonly targetShape: readonly number[] }
  | { readonly type: 'flatten'; readonly channelLast: boolean }
  | { readonly type: 'concat'; readonly sequenceConcat: boolean }
  | { readonly type: 'clampedReLU'; readonly alpha: number; readonly beta: number }
  | { readonly type: 'custom'; readonly className: string; readonly description: string }
  | { readonly type: 'concatND'; readonly axis: number }
  | { readonly type: 'addBroadcastable' };

export type CoremlLayerParamsType = CoremlLayerParams<unknown>['type'];

export interface CoremlLayer {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** The layer type as the spec's `layer` oneof names it ("convolution", "innerProduct", ...). */
  readonly opType: string;
  /** Parameters for the layer types this codec knows; null for the others. */
  readonly params: CoremlLayerParams<CoremlWeightInfo> | null;
}

export interface CoremlOpCount {
  readonly opType: string;
  readonly count: number;
}

export interface CoremlModel {
  readonly specificationVersion: number;
  /** neuralNetwork, neuralNetworkClassifier or neuralNetworkRegressor. */
  readonly modelType: string;
  readonly description: CoremlDescription;
  readonly layers: readonly CoremlLayer[];
  /** Each layer type once, in order of first appearance, with how many layers have it. */
  readonly ops: readonly CoremlOpCount[];
  readonly summary: { readonly fileBytes: number; readonly layerCount: number; readonly weightCount: number };
}

/** What the writer takes. */
export interface CoremlLayerSpec {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly params: CoremlLayerParams<Float32Array>;
}

export interface CoremlModelSpec {
  readonly specificationVersion: number;
  readonly description: CoremlDescription;
  readonly layers: readonly CoremlLayerSpec[];
  /** EXACT_ARRAY_MAPPING (spec ≥ 4) passes the declared input shape through; default true. */
  readonly exactArrayMapping?: boolean;
}
