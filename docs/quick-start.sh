#!/usr/bin/env bash
# The README's quick start as a script: the first steps of a Lambda user, on a running Stratus.
#   create hello-world (nodejs18.x, the classic handler) → invoke it with a test event → add an HTTP trigger
#   (an HTTP API with route ANY /hello-world and stage "default", as the Lambda console adds it) → open its URL.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:9070 docs/quick-start.sh
# The integration test QuickStartIT runs this exact file against a fresh server that enforces invoke permissions.
set -euo pipefail

ENDPOINT="${STRATUS_ENDPOINT:-http://127.0.0.1:9070}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
E=(--endpoint-url "$ENDPOINT")

# 1. The function: the classic Node.js handler, greeting whoever "name" says (test event, ?name=, or JSON body).
cat > "$WORK/index.js" <<'JS'
exports.handler = async (event) => {
  let name = 'World';
  const query = event.queryStringParameters || {};
  if (query.name) {
    name = query.name;
  } else if (event.body) {
    const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body;
    name = JSON.parse(text).name || name;
  } else if (event.name) {
    name = event.name;
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: `Hello, ${name}!` }),
  };
};
JS
(cd "$WORK" && python3 -c "import zipfile; z = zipfile.ZipFile('function.zip', 'w'); z.write('index.js'); z.close()")
FUNCTION_ARN=$(aws lambda create-function "${E[@]}" --function-name hello-world --runtime nodejs18.x \
    --handler index.handler --role arn:aws:iam::000000000000:role/lambda-role \
    --zip-file "fileb://$WORK/function.zip" --query FunctionArn --output text)
aws lambda wait function-active-v2 "${E[@]}" --function-name hello-world

# 2. Test it with a test event (AWS CLI v2 also needs --cli-binary-format raw-in-base64-out).
RAW=(); aws --version 2>&1 | grep -q '^aws-cli/2' && RAW=(--cli-binary-format raw-in-base64-out)
aws lambda invoke "${E[@]}" --function-name hello-world --payload '{"name":"Ada"}' "${RAW[@]}" "$WORK/out.json" \
    > /dev/null
cat "$WORK/out.json"; echo

# 3. Add an HTTP trigger: an HTTP API whose route ANY /hello-world goes to the function, deployed on stage
#    "default", and the permission for API Gateway to invoke the function.
API_ID=$(aws apigatewayv2 create-api "${E[@]}" --name hello-world-API --protocol-type HTTP \
    --query ApiId --output text)
INTEGRATION_ID=$(aws apigatewayv2 create-integration "${E[@]}" --api-id "$API_ID" --integration-type AWS_PROXY \
    --integration-uri "$FUNCTION_ARN" --payload-format-version 2.0 --query IntegrationId --output text)
aws apigatewayv2 create-route "${E[@]}" --api-id "$API_ID" --route-key 'ANY /hello-world' \
    --target "integrations/$INTEGRATION_ID" > /dev/null
aws apigatewayv2 create-stage "${E[@]}" --api-id "$API_ID" --stage-name default --auto-deploy > /dev/null
aws lambda add-permission "${E[@]}" --function-name hello-world --statement-id http-api \
    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \
    --source-arn "arn:aws:execute-api:${AWS_DEFAULT_REGION}:000000000000:${API_ID}/*/*/hello-world" > /dev/null

# 4. Open it (a browser opens the same URL; *.localhost names resolve to this machine).
URL="$(aws apigatewayv2 get-api "${E[@]}" --api-id "$API_ID" --query ApiEndpoint --output text)/default/hello-world"
echo "$URL"
curl -s "$URL"; echo
curl -s "$URL?name=Grace"; echo
curl -s -H 'Content-Type: application/json' -d '{"name":"Linus"}' "$URL"; echo
