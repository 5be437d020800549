// Field numbers of the Core ML protobuf spec (apple/coremltools mlmodel/format/), declared once for the reader
// and the writer. Only the messages a NeuralNetwork model needs are here; each block names its .proto file.

/** Model.proto `Model` */
export const CoremlModelField = { specificationVersion: 1, description: 2, isUpdatable: 10 } as const;

/** Model.proto `Model.Type` oneof: the model kinds, by field number. */
export const CoremlModelTypeField = {
  pipelineClassifier: 200,
  pipelineRegressor: 201,
  pipeline: 202,
  glmRegressor: 300,
  supportVectorRegressor: 301,
  treeEnsembleRegressor: 302,
  neuralNetworkRegressor: 303,
  bayesianProbitRegressor: 304,
  glmClassifier: 400,
  supportVectorClassifier: 401,
  treeEnsembleClassifier: 402,
  neuralNetworkClassifier: 403,
  kNearestNeighborsClassifier: 404,
  neuralNetwork: 500,
  itemSimilarityRecommender: 501,
  mlProgram: 502,
  customModel: 555,
  linkedModel: 556,
  classConfidenceThresholding: 560,
  oneHotEncoder: 600,
  imputer: 601,
  featureVectorizer: 602,
  dictVectorizer: 603,
  scaler: 604,
  categoricalMapping: 606,
  normalizer: 607,
  arrayFeatureExtractor: 609,
  nonMaximumSuppression: 610,
  identity: 900,
  textClassifier: 2000,
  wordTagger: 2001,
  visionFeaturePrint: 2002,
  soundAnalysisPreprocessing: 2003,
  gazetteer: 2004,
  wordEmbedding: 2005,
  audioFeaturePrint: 2006,
  serializedModel: 3000,
} as const;

/** Model.proto `ModelDescription` */
export const CoremlDescriptionField = { input: 1, output: 10, predictedFeatureName: 11, metadata: 100 } as const;
/** Model.proto `FeatureDescription` */
export const CoremlFeatureField = { name: 1, shortDescription: 2, type: 3 } as const;
/** Model.proto `Metadata`; userDefined is a map<string, string>: entries with key 1, value 2. */
export const CoremlMetadataField = { shortDescription: 1, versionString: 2, author: 3, license: 4, userDefined: 100 } as const;
export const CoremlMapEntryField = { key: 1, value: 2 } as const;

/** FeatureTypes.proto `FeatureType` oneof, plus isOptional. */
export const CoremlFeatureTypeField = {
  int64Type: 1,
  doubleType: 2,
  stringType: 3,
  imageType: 4,
  multiArrayType: 5,
  dictionaryType: 6,
  sequenceType: 7,
  stateType: 8,
  isOptional: 1000,
} as const;
/** FeatureTypes.proto `ArrayFeatureType` */
export const CoremlArrayField = { shape: 1, dataType: 2 } as const;
/** FeatureTypes.proto `ArrayFeatureType.ArrayDataType` */
export const CoremlArrayDataType = { FLOAT32: 65568, DOUBLE: 65600, INT32: 131104, INT8: 131080, FLOAT16: 65552 } as const;
export type CoremlArrayDataType = keyof typeof CoremlArrayDataType;
/** FeatureTypes.proto `ImageFeatureType` */
export const CoremlImageField = { width: 1, height: 2, colorSpace: 3 } as const;

/** NeuralNetwork.proto `NeuralNetwork` (NeuralNetworkClassifier and NeuralNetworkRegressor keep layers at 1 too). */
export const CoremlNeuralNetworkField = { layers: 1, preprocessing: 2, arrayInputShapeMapping: 5, imageInputShapeMapping: 6 } as const;
/** NeuralNetwork.proto `NeuralNetworkMultiArrayShapeMapping` */
export const CoremlArrayShapeMapping = { RANK5_ARRAY_MAPPING: 0, EXACT_ARRAY_MAPPING: 1 } as const;

/** NeuralNetwork.proto `NeuralNetworkLayer`: the common fields; the layer type is the `layer` oneof below. */
export const CoremlLayerField = { name: 1, input: 2, output: 3, inputTensor: 4, outputTensor: 5, isUpdatable: 10 } as const;

/** NeuralNetwork.proto `NeuralNetworkLayer.layer` oneof: every layer type, by field number. */
export const CoremlLayerType = {
  convolution: 100,
  pooling: 120,
  activation: 130,
  innerProduct: 140,
  embedding: 150,
  batchnorm: 160,
  mvn: 165,
  l2normalize: 170,
  softmax: 175,
  lrn: 180,
  crop: 190,
  padding: 200,
  upsample: 210,
  resizeBilinear: 211,
  cropResize: 212,
  unary: 220,
  add: 230,
  multiply: 231,
  average: 240,
  scale: 245,
  bias: 250,
  max: 260,
  min: 261,
  dot: 270,
  reduce: 280,
  loadConstant: 290,
  reshape: 300,
  flatten: 301,
  permute: 310,
  concat: 320,
  split: 330,
  sequenceRepeat: 340,
  reorganizeData: 345,
  slice: 350,
  simpleRecurrent: 400,
  gru: 410,
  uniDirectionalLSTM: 420,
  biDirectionalLSTM: 430,
  custom: 500,
  copy: 600,
  branch: 605,
  loop: 615,
  loopBreak: 620,
  loopContinue: 625,
  rangeStatic: 635,
  rangeDynamic: 640,
  clip: 660,
  ceil: 665,
  floor: 670,
  sign: 680,
  round: 685,
  exp2: 700,
  sin: 710,
  cos: 715,
  tan: 720,
  asin: 730,
  acos: 735,
  atan: 740,
  sinh: 750,
  cosh: 755,
  tanh: 760,
  asinh: 770,
  acosh: 775,
  atanh: 780,
  erf: 790,
  gelu: 795,
  equal: 815,
  notEqual: 820,
  lessThan: 825,
  lessEqual: 827,
  greaterThan: 830,
  greaterEqual: 832,
  logicalOr: 840,
  logicalXor: 845,
  logicalNot: 850,
  logicalAnd: 855,
  modBroadcastable: 865,
  minBroadcastable: 870,
  maxBroadcastable: 875,
  addBroadcastable: 880,
  powBroadcastable: 885,
  divideBroadcastable: 890,
  floorDivBroadcastable: 895,
  multiplyBroadcastable: 900,
  subtractBroadcastable: 905,
  tile: 920,
  stack: 925,
  gather: 930,
  scatter: 935,
  gatherND: 940,
  scatterND: 945,
  softmaxND: 950,
  gatherAlongAxis: 952,
  scatterAlongAxis: 954,
  reverse: 960,
  reverseSeq: 965,
  splitND: 975,
  concatND: 980,
  transpose: 985,
  sliceStatic: 995,
  sliceDynamic: 1000,
  slidingWindows: 1005,
  topK: 1015,
  argMin: 1020,
  argMax: 1025,
  embeddingND: 1040,
  batchedMatmul: 1045,
  getShape: 1065,
  loadConstantND: 1070,
  fillLike: 1080,
  fillStatic: 1085,
  fillDynamic: 1090,
  broadcastToLike: 1100,
  broadcastToStatic: 1105,
  broadcastToDynamic: 1110,
  squeeze: 1120,
  expandDims: 1125,
  flattenTo2D: 1130,
  reshapeLike: 1135,
  reshapeStatic: 1140,
  reshapeDynamic: 1145,
  rankPreservingReshape: 1150,
  constantPad: 1155,
  randomNormalLike: 1170,
  randomNormalStatic: 1175,
  randomNormalDynamic: 1180,
  randomUniformLike: 1190,
  randomUniformStatic: 1195,
  randomUniformDynamic: 1200,
  randomBernoulliLike: 1210,
  randomBernoulliStatic: 1215,
  randomBernoulliDynamic: 1220,
  categoricalDistribution: 1230,
  reduceL1: 1250,
  reduceL2: 1255,
  reduceMax: 1260,
  reduceMin: 1265,
  reduceSum: 1270,
  reduceProd: 1275,
  reduceMean: 1280,
  reduceLogSum: 1285,
  reduceSumSquare: 1290,
  reduceLogSumExp: 1295,
  whereNonZero: 1313,
  matrixBandPart: 1315,
  lowerTriangular: 1320,
  upperTriangular: 1325,
  whereBroadcastable: 1330,
  layerNormalization: 1350,
  NonMaximumSuppression: 1400,
  oneHot: 1450,
  cumSum: 1455,
  clampedReLU: 1460,
  argSort: 1461,
  pooling3d: 1465,
  globalPooling3d: 1466,
  sliceBySize: 1470,
  convolution3d: 1471,
} as const;
export type CoremlLayerTypeName = keyof typeof CoremlLayerType;

/** NeuralNetwork.proto `ConvolutionLayerParams`; padding is the `ConvolutionPaddingType` oneof (valid 50, same 51). */
export const CoremlConvolutionField = {
  outputChannels: 1,
  kernelChannels: 2,
  nGroups: 10,
  kernelSize: 20,
  stride: 30,
  dilationFactor: 40,
  valid: 50,
  same: 51,
  isDeconvolution: 60,
  hasBias: 70,
  weights: 90,
  bias: 91,
  outputShape: 100,
} as const;

/** NeuralNetwork.proto `PoolingLayerParams`; padding oneof valid 30, same 31, includeLastPixel 32. */
export const CoremlPoolingField = {
  type: 1,
  kernelSize: 10,
  stride: 20,
  valid: 30,
  same: 31,
  includeLastPixel: 32,
  avgPoolExcludePadding: 50,
  globalPooling: 60,
} as const;
/** `PoolingLayerParams.PoolingType` */
export const CoremlPoolingType = { MAX: 0, AVERAGE: 1, L2: 2 } as const;

/** NeuralNetwork.proto `ActivationParams.NonlinearityType` oneof. */
export const CoremlActivationType = {
  linear: 5,
  ReLU: 10,
  leakyReLU: 15,
  thresholdedReLU: 20,
  PReLU: 25,
  tanh: 30,
  scaledTanh: 31,
  sigmoid: 40,
  sigmoidHard: 41,
  ELU: 50,
  softsign: 60,
  softplus: 70,
  parametricSoftplus: 71,
} as const;
export type CoremlActivationName = keyof typeof CoremlActivationType;
/** `ActivationLeakyReLU.alpha`, `ActivationELU.alpha`, `ActivationLinear.alpha` / `beta`: float fields 1 and 2. */
export const CoremlActivationParamField = { alpha: 1, beta: 2 } as const;

/** NeuralNetwork.proto `InnerProductLayerParams` */
export const CoremlInnerProductField = { inputChannels: 1, outputChannels: 2, hasBias: 10, weights: 20, bias: 21, int8DynamicQuantize: 22 } as const;
/** NeuralNetwork.proto `BatchnormLayerParams` */
export const CoremlBatchnormField = {
  channels: 1,
  computeMeanVar: 5,
  instanceNormalization: 6,
  epsilon: 10,
  gamma: 15,
  beta: 16,
  mean: 17,
  variance: 18,
} as const;
/** NeuralNetwork.proto `AddLayerParams` */
export const CoremlAddField = { alpha: 1 } as const;
/** NeuralNetwork.proto `ReshapeLayerParams` (mode: CHANNEL_FIRST 0, CHANNEL_LAST 1) */
export const CoremlReshapeField = { targetShape: 1, mode: 2 } as const;
/** NeuralNetwork.proto `FlattenLayerParams` (mode: CHANNEL_FIRST 0, CHANNEL_LAST 1) */
export const CoremlFlattenField = { mode: 1 } as const;
/** NeuralNetwork.proto `ConcatLayerParams` */
export const CoremlConcatField = { sequenceConcat: 100 } as const;
/** NeuralNetwork.proto `ConcatNDLayerParams` */
export const CoremlConcatNdField = { axis: 1, interleave: 2 } as const;
/** NeuralNetwork.proto `ClampedReLULayerParams` (iOS 14+) */
export const CoremlClampedReluField = { alpha: 1, beta: 2 } as const;
/** NeuralNetwork.proto `CustomLayerParams` */
export const CoremlCustomField = { className: 10, weights: 20, parameters: 30, description: 40 } as const;
/** NeuralNetwork.proto `WeightParams` */
export const CoremlWeightField = { floatValue: 1, float16Value: 2, rawValue: 30, int8RawValue: 31, quantization: 40, isUpdatable: 50 } as const;
