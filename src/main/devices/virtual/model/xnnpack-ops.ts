// Op types the XNNPACK delegate takes (LiteRT tflite/delegates/xnnpack/xnnpack_delegate.cc, the builtin cases
// of `Subgraph::VisitNode`), float and int8 alike. Approximate: shape and option limits are not modelled, so a
// node of a listed type is taken whatever its parameters.
export const XNNPACK_OPS: ReadonlySet<string> = new Set([
  'ABS', 'ADD', 'AVERAGE_POOL_2D', 'BATCH_MATMUL', 'CEIL', 'CONCATENATION', 'CONV_2D', 'COS', 'DEPTH_TO_SPACE',
  'DEPTHWISE_CONV_2D', 'DEQUANTIZE', 'DIV', 'ELU', 'EXP', 'EXPAND_DIMS', 'FLOOR', 'FULLY_CONNECTED', 'GELU',
  'HARD_SWISH', 'LEAKY_RELU', 'LOG', 'LOGISTIC', 'MAX_POOL_2D', 'MAXIMUM', 'MEAN', 'MINIMUM', 'MUL', 'NEG', 'PAD',
  'PADV2', 'PRELU', 'QUANTIZE', 'RELU', 'RELU6', 'RELU_N1_TO_1', 'RESHAPE', 'RESIZE_BILINEAR', 'ROUND', 'RSQRT',
  'SIN', 'SLICE', 'SOFTMAX', 'SPACE_TO_DEPTH', 'SPLIT', 'SQRT', 'SQUARE', 'SQUARED_DIFFERENCE', 'STRIDED_SLICE',
  'SUB', 'SUM', 'TANH', 'TRANSPOSE', 'TRANSPOSE_CONV',
]);
