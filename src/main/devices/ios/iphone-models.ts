// ProductType → what people call the phone, its chip and its display's top refresh rate.
// From Apple's tech-specs pages; a phone not listed shows its ProductType and no chip.
export interface IphoneModel {
  readonly name: string;
  readonly chip: string;
  readonly refreshRateHz: 60 | 120;
}

const m = (name: string, chip: string, refreshRateHz: 60 | 120 = 60): IphoneModel => ({ name, chip, refreshRateHz });

export const IPHONE_MODELS: Readonly<Record<string, IphoneModel>> = {
  'iPhone12,1': m('iPhone 11', 'A13 Bionic'),
  'iPhone12,3': m('iPhone 11 Pro', 'A13 Bionic'),
  'iPhone12,5': m('iPhone 11 Pro Max', 'A13 Bionic'),
  'iPhone12,8': m('iPhone SE (2nd generation)', 'A13 Bionic'),
  'iPhone13,1': m('iPhone 12 mini', 'A14 Bionic'),
  'iPhone13,2': m('iPhone 12', 'A14 Bionic'),
  'iPhone13,3': m('iPhone 12 Pro', 'A14 Bionic'),
  'iPhone13,4': m('iPhone 12 Pro Max', 'A14 Bionic'),
  'iPhone14,2': m('iPhone 13 Pro', 'A15 Bionic', 120),
  'iPhone14,3': m('iPhone 13 Pro Max', 'A15 Bionic', 120),
  'iPhone14,4': m('iPhone 13 mini', 'A15 Bionic'),
  'iPhone14,5': m('iPhone 13', 'A15 Bionic'),
  'iPhone14,6': m('iPhone SE (3rd generation)', 'A15 Bionic'),
  'iPhone14,7': m('iPhone 14', 'A15 Bionic'),
  'iPhone14,8': m('iPhone 14 Plus', 'A15 Bionic'),
  'iPhone15,2': m('iPhone 14 Pro', 'A16 Bionic', 120),
  'iPhone15,3': m('iPhone 14 Pro Max', 'A16 Bionic', 120),
  'iPhone15,4': m('iPhone 15', 'A16 Bionic'),
  'iPhone15,5': m('iPhone 15 Plus', 'A16 Bionic'),
  'iPhone16,1': m('iPhone 15 Pro', 'A17 Pro', 120),
  'iPhone16,2': m('iPhone 15 Pro Max', 'A17 Pro', 120),
  'iPhone17,1': m('iPhone 16 Pro', 'A18 Pro', 120),
  'iPhone17,2': m('iPhone 16 Pro Max', 'A18 Pro', 120),
  'iPhone17,3': m('iPhone 16', 'A18'),
  'iPhone17,4': m('iPhone 16 Plus', 'A18'),
  'iPhone17,5': m('iPhone 16e', 'A18'),
};
