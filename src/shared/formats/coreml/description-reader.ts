// Reads a model's description: its input and output features (multi-array shapes and types, images, scalars)
// and its metadata.
import type { ProtoDecoder } from '../perfetto/proto/decoder.js';
import { ProtoWireType } from '../perfetto/proto/wire.js';
import { eachField, expectWire, nameOf, readInts } from './decode-helpers.js';
import {
  CoremlArrayDataType,
  CoremlArrayField,
  CoremlDescriptionField,
  CoremlFeatureField,
  CoremlFeatureTypeField,
  CoremlImageField,
  CoremlMapEntryField,
  CoremlMetadataField,
} from './fields.js';
import type { CoremlDescription, CoremlFeature, CoremlFeatureType, CoremlMetadata } from './model.js';

const { VARINT, LEN } = ProtoWireType;

export function readDescription(d: ProtoDecoder): CoremlDescription {
  const inputs: CoremlFeature[] = [];
  const outputs: CoremlFeature[] = [];
  let metadata: CoremlMetadata | null = null;
  eachField(d, (field, wire) => {
    if (field === CoremlDescriptionField.input || field === CoremlDescriptionField.output) {
      expectWire(wire, LEN, 'a feature description', d);
      (field === CoremlDescriptionField.input ? inputs : outputs).push(readFeature(d.message()));
      return true;
    }
    if (field === CoremlDescriptionField.metadata) {
      expectWire(wire, LEN, 'the metadata', d);
      metadata = readMetadata(d.message());
      return true;
    }
    return false;
  });
  return { inputs, outputs, metadata };
}

function readFeature(d: ProtoDecoder): CoremlFeature {
  let name = '';
  let shortDescription = '';
  let type: CoremlFeatureType = { kind: 'unknown' };
  eachField(d, (field, wire) => {
    if (field === CoremlFeatureField.name || field === CoremlFeatureField.shortDescription) {
      expectWire(wire, LEN, 'a feature name', d);
      if (field === CoremlFeatureField.name) name = d.string();
      else shortDescription = d.string();
      return true;
    }
    if (field === CoremlFeatureField.type) {
      expectWire(wire, LEN, 'a feature type', d);
      type = readFeatureType(d.message());
      return true;
    }
    return false;
  });
  return { name, shortDescription, type };
}

function readFeatureType(d: ProtoDecoder): CoremlFeatureType {
  let type: CoremlFeatureType = { kind: 'unknown' };
  const F = CoremlFeatureTypeField;
  eachField(d, (field, wire) => {
    if (field === F.multiArrayType) {
      expectWire(wire, LEN, 'a multi-array type', d);
      type = readArrayType(d.message());
      return true;
    }
    if (field === F.imageType) {
      expectWire(wire, LEN, 'an image type', d);
      type = readImageType(d.message());
      return true;
    }
    const simple = { [F.int64Type]: 'int64', [F.doubleType]: 'double', [F.stringType]: 'string', [F.dictionaryType]: 'dictionary', [F.sequenceType]: 'sequence', [F.stateType]: 'state' } as const;
    const kind = simple[field as keyof typeof simple];
    if (kind !== undefined) {
      type = { kind };
      return false;
    }
    return false;
  });
  return type;
}

function readArrayType(d: ProtoDecoder): CoremlFeatureType {
  const shape: number[] = [];
  let dataType: CoremlArrayDataType | 'unknown' = 'unknown';
  eachField(d, (field, wire) => {
    if (field === CoremlArrayField.shape) {
      readInts(d, wire, shape, 'an array shape');
      return true;
    }
    if (field === CoremlArrayField.dataType) {
      expectWire(wire, VARINT, 'an array data type', d);
      dataType = nameOf(CoremlArrayDataType, d.int32()) ?? 'unknown';
      return true;
    }
    return false;
  });
  return { kind: 'multiArray', shape, dataType };
}

function readImageType(d: ProtoDecoder): CoremlFeatureType {
  let width = 0;
  let height = 0;
  let colorSpace = 0;
  eachField(d, (field, wire) => {
    if (field !== CoremlImageField.width && field !== CoremlImageField.height && field !== CoremlImageField.colorSpace) return false;
    expectWire(wire, VARINT, 'an image size', d);
    const value = Number(d.int64());
    if (field === CoremlImageField.width) width = value;
    else if (field === CoremlImageField.height) height = value;
    else colorSpace = value;
    return true;
  });
  return { kind: 'image', width, height, colorSpace };
}

function readMetadata(d: ProtoDecoder): CoremlMetadata {
  const text: Record<string, string> = {};
  const userDefined: Record<string, string> = {};
  const M = CoremlMetadataField;
  eachField(d, (field, wire) => {
    if (field === M.userDefined) {
      expectWire(wire, LEN, 'a metadata entry', d);
      let key = '';
      let value = '';
      const entry = d.message();
      eachField(entry, (f, w) => {
        if (f !== CoremlMapEntryField.key && f !== CoremlMapEntryField.value) return false;
        expectWire(w, LEN, 'a metadata entry', entry);
        if (f === CoremlMapEntryField.key) key = entry.string();
        else value = entry.string();
        return true;
      });
      userDefined[key] = value;
      return true;
    }
    const name = nameOf(M, field);
    if (name === undefined) return false;
    expectWire(wire, LEN, 'a metadata text', d);
    text[name] = d.string();
    return true;
  });
  return {
    shortDescription: text.shortDescription ?? '',
    versionString: text.versionString ?? '',
    author: text.author ?? '',
    license: text.license ?? '',
    userDefined,
  };
}
