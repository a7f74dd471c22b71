// Writes one INFO, one ERROR and one multi-line record, then text without a newline; returns "logged".
exports.handler = async () => {
    console.log('hello from the function');
    console.error('an error line');
    console.log('line1\nline2');
    process.stdout.write('the last words, without a newline');
    return 'logged';
};
