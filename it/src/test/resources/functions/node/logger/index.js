// Writes one INFO, one ERROR and one multi-line record, then returns "logged".
exports.handler = async () => {
    console.log('hello from the function');
    console.error('an error line');
    console.log('line1\nline2');
    return 'logged';
};
