// NENA EIDO incident import and update export land here with the request button.
export {};
