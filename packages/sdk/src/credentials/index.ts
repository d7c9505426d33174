// Credential rule evaluation and verifiable-credential checks land here with the certification badge.
export {};
