// Assembles a TfliteSubgraphSpec tensor by tensor, handing out indices, so model builders read top to bottom.
import type { TfliteOperatorSpec, TfliteSubgraphSpec, TfliteTensorData, TfliteTensorSpec } from './spec.js';
import type { TfliteTensorTypeName } from './tensor-type.js';

export class TfliteGraphBuilder {
  readonly #tensors: TfliteTensorSpec[] = [];
  readonly #operators: TfliteOperatorSpec[] = [];
  readonly #inputs: number[] = [];

  /** A runtime input of the graph. */
  input(name: string, shape: readonly number[], type: TfliteTensorTypeName = 'FLOAT32'): number {
    const index = this.tensor(name, shape, type);
    this.#inputs.push(index);
    return index;
  }

  /** An activation (no data). */
  tensor(name: string, shape: readonly number[], type: TfliteTensorTypeName = 'FLOAT32'): number {
    this.#tensors.push({ name, shape, type });
    return this.#tensors.length - 1;
  }

  constant(
    name: string,
    shape: readonly number[],
    data: TfliteTensorData,
    type: TfliteTensorTypeName = 'FLOAT32',
  ): number {
    this.#tensors.push({ name, shape, type, data });
    return this.#tensors.length - 1;
  }

  op(spec: TfliteOperatorSpec): void {
    this.#operators.push(spec);
  }

  shapeOf(index: number): readonly number[] {
    const tensor = this.#tensors[index];
    if (tensor === undefined) throw new RangeError(`no tensor ${index}`);
    return tensor.shape;
  }

  build(outputs: readonly number[], name?: string): TfliteSubgraphSpec {
    return {
      ...(name === undefined ? {} : { name }),
      tensors: [...this.#tensors],
      inputs: [...this.#inputs],
      outputs: [...outputs],
      operators: [...this.#operators],
    };
  }
}
