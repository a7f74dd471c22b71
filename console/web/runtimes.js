// Runtimes the console offers, grouped by language, and the hello-world blueprint of each.

export const RUNTIMES = [
  { language: 'Node.js', ids: ['nodejs22.x', 'nodejs20.x', 'nodejs24.x', 'nodejs18.x', 'nodejs16.x'] },
  { language: 'Python', ids: ['python3.13', 'python3.12', 'python3.14', 'python3.11', 'python3.10', 'python3.9', 'python3.8'] },
  { language: 'Java', ids: ['java21', 'java17', 'java25', 'java11', 'java8.al2'] },
  { language: 'Custom runtime', ids: ['provided.al2023', 'provided.al2'] },
  { language: 'Ruby', ids: ['ruby3.4', 'ruby3.3', 'ruby3.2'] },
  { language: '.NET', ids: ['dotnet8', 'dotnet10', 'dotnet6'] },
];

// Runtimes AWS has deprecated but still lets existing functions use; the console marks them.
export const DEPRECATED = new Set(['nodejs16.x', 'nodejs18.x', 'python3.8', 'python3.9', 'java8.al2', 'ruby3.2',
  'dotnet6', 'provided.al2']);

export const languageOf = (runtime) => RUNTIMES.find((g) => g.ids.includes(runtime))?.language ?? 'Other';
export const isInline = (runtime) => /^(nodejs|python|provided)/.test(runtime);

const NODE = `exports.handler = async (event) => {
  // TODO implement
  const response = {
    statusCode: 200,
    body: JSON.stringify({ message: 'Hello from Lambda!' }),
  };
  return response;
};
`;

const PYTHON = `import json


def lambda_handler(event, context):
    # TODO implement
    return {
        'statusCode': 200,
        'body': json.dumps({'message': 'Hello from Lambda!'})
    }
`;

const BOOTSTRAP = `#!/bin/sh
# A custom runtime: fetch the next event from the Runtime API, answer it, repeat.
set -eu
API="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation"
while true; do
  HEADERS="$(mktemp)"
  EVENT="$(curl -sS -D "$HEADERS" "$API/next")"
  REQUEST_ID="$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)"
  curl -sS -X POST "$API/$REQUEST_ID/response" \\
    -d '{"statusCode":200,"body":"{\\"message\\":\\"Hello from Lambda!\\"}"}' > /dev/null
done
`;

// The files and handler of a new function: `blueprint` true gives hello world, false an empty handler.
export function starter(runtime, blueprint) {
  if (runtime.startsWith('nodejs')) {
    return { handler: 'index.handler', files: { 'index.js': blueprint ? NODE
      : 'exports.handler = async (event) => {\n  return event;\n};\n' } };
  }
  if (runtime.startsWith('python')) {
    return { handler: 'lambda_function.lambda_handler', files: { 'lambda_function.py': blueprint ? PYTHON
      : 'def lambda_handler(event, context):\n    return event\n' } };
  }
  if (runtime.startsWith('provided')) {
    return { handler: 'bootstrap', files: { bootstrap: BOOTSTRAP } };
  }
  if (runtime.startsWith('java')) {
    return { handler: 'example.Hello::handleRequest', files: null };
  }
  return { handler: 'index.handler', files: null };
}
