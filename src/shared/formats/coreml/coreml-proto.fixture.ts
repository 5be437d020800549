// The subset of the Core ML protobuf spec this codec uses, typed in from apple/coremltools
// mlmodel/format/Model.proto, FeatureTypes.proto and NeuralNetwork.proto (field names and numbers as there),
// for an independent decode of the writer's output with protobufjs. Not generated from fields.ts.
export const COREML_PROTO_SUBSET = `
syntax = "proto3";
package CoreML.Specification;

message Int64FeatureType {}
message DoubleFeatureType {}
message StringFeatureType {}
message ArrayFeatureType {
  enum ArrayDataType {
    INVALID_ARRAY_DATA_TYPE = 0;
    FLOAT32 = 65568;
    DOUBLE = 65600;
    INT32 = 131104;
    INT8 = 131080;
    FLOAT16 = 65552;
  }
  repeated int64 shape = 1;
  ArrayDataType dataType = 2;
}
message FeatureType {
  oneof Type {
    Int64FeatureType int64Type = 1;
    DoubleFeatureType doubleType = 2;
    StringFeatureType stringType = 3;
    ArrayFeatureType multiArrayType = 5;
  }
  bool isOptional = 1000;
}
message FeatureDescription {
  string name = 1;
  string shortDescription = 2;
  FeatureType type = 3;
}
message Metadata {
  string shortDescription = 1;
  string versionString = 2;
  string author = 3;
  string license = 4;
  map<string, string> userDefined = 100;
}
message ModelDescription {
  repeated FeatureDescription input = 1;
  repeated FeatureDescription output = 10;
  string predictedFeatureName = 11;
  Metadata metadata = 100;
}

message WeightParams {
  repeated float floatValue = 1;
  bytes float16Value = 2;
  bytes rawValue = 30;
  bytes int8RawValue = 31;
  bool isUpdatable = 50;
}
message ValidPadding {}
message SamePadding {}
message ConvolutionLayerParams {
  uint64 outputChannels = 1;
  uint64 kernelChannels = 2;
  uint64 nGroups = 10;
  repeated uint64 kernelSize = 20;
  repeated uint64 stride = 30;
  repeated uint64 dilationFactor = 40;
  oneof ConvolutionPaddingType {
    ValidPadding valid = 50;
    SamePadding same = 51;
  }
  bool isDeconvolution = 60;
  bool hasBias = 70;
  WeightParams weights = 90;
  WeightParams bias = 91;
  repeated uint64 outputShape = 100;
}
message PoolingLayerParams {
  enum PoolingType {
    MAX = 0;
    AVERAGE = 1;
    L2 = 2;
  }
  PoolingType type = 1;
  repeated uint64 kernelSize = 10;
  repeated uint64 stride = 20;
  oneof PoolingPaddingType {
    ValidPadding valid = 30;
    SamePadding same = 31;
  }
  bool avgPoolExcludePadding = 50;
  bool globalPooling = 60;
}
message ActivationReLU {}
message ActivationLeakyReLU { float alpha = 1; }
message ActivationSigmoid {}
message ActivationParams {
  oneof NonlinearityType {
    ActivationReLU ReLU = 10;
    ActivationLeakyReLU leakyReLU = 15;
    ActivationSigmoid sigmoid = 40;
  }
}
message InnerProductLayerParams {
  uint64 inputChannels = 1;
  uint64 outputChannels = 2;
  bool hasBias = 10;
  WeightParams weights = 20;
  WeightParams bias = 21;
}
message BatchnormLayerParams {
  uint64 channels = 1;
  bool computeMeanVar = 5;
  bool instanceNormalization = 6;
  float epsilon = 10;
  WeightParams gamma = 15;
  WeightParams beta = 16;
  WeightParams mean = 17;
  WeightParams variance = 18;
}
message SoftmaxLayerParams {}
message AddLayerParams { float alpha = 1; }
message ReshapeLayerParams {
  repeated int64 targetShape = 1;
  enum ReshapeOrder {
    CHANNEL_FIRST = 0;
    CHANNEL_LAST = 1;
  }
  ReshapeOrder mode = 2;
}
message FlattenLayerParams {
  enum FlattenOrder {
    CHANNEL_FIRST = 0;
    CHANNEL_LAST = 1;
  }
  FlattenOrder mode = 1;
}
message ConcatLayerParams { bool sequenceConcat = 100; }
message CustomLayerParams {
  string className = 10;
  string description = 40;
}
message AddBroadcastableLayerParams {}
message ConcatNDLayerParams {
  int64 axis = 1;
  bool interleave = 2;
}
message ClampedReLULayerParams {
  float alpha = 1;
  float beta = 2;
}
message NeuralNetworkLayer {
  string name = 1;
  repeated string input = 2;
  repeated string output = 3;
  bool isUpdatable = 10;
  oneof layer {
    ConvolutionLayerParams convolution = 100;
    PoolingLayerParams pooling = 120;
    ActivationParams activation = 130;
    InnerProductLayerParams innerProduct = 140;
    BatchnormLayerParams batchnorm = 160;
    SoftmaxLayerParams softmax = 175;
    AddLayerParams add = 230;
    ReshapeLayerParams reshape = 300;
    FlattenLayerParams flatten = 301;
    ConcatLayerParams concat = 320;
    CustomLayerParams custom = 500;
    AddBroadcastableLayerParams addBroadcastable = 880;
    ConcatNDLayerParams concatND = 980;
    ClampedReLULayerParams clampedReLU = 1460;
  }
}
enum NeuralNetworkMultiArrayShapeMapping {
  RANK5_ARRAY_MAPPING = 0;
  EXACT_ARRAY_MAPPING = 1;
}
message NeuralNetwork {
  repeated NeuralNetworkLayer layers = 1;
  NeuralNetworkMultiArrayShapeMapping arrayInputShapeMapping = 5;
}
message NeuralNetworkClassifier {
  repeated NeuralNetworkLayer layers = 1;
}
message Model {
  int32 specificationVersion = 1;
  ModelDescription description = 2;
  bool isUpdatable = 10;
  oneof Type {
    NeuralNetworkClassifier neuralNetworkClassifier = 403;
    NeuralNetwork neuralNetwork = 500;
  }
}
`;
