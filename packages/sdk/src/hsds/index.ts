// Open Referral HSDS 3.0 import and export (fromHsds, toHsds) land here with the referral picker.
export {};
