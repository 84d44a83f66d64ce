// Placeholder until the directory seed lands (issue 4).
console.log('demo seed: nothing to seed yet');
