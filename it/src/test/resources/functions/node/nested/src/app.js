// Handler behind a directory and a nested export path: handler string src/app.handlers.main.
exports.handlers = {
    main: async (event) => ({ nested: true, echo: event }),
};
