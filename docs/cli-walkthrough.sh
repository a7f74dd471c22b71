#!/usr/bin/env bash
# The README's AWS CLI walkthrough as a script: create, invoke, list, update and delete a function, with a layer,
# on a running Stratus.
# Usage: STRATUS_ENDPOINT=http://127.0.0.1:9070 docs/cli-walkthrough.sh
# The integration test CliWalkthroughIT runs this exact file against a fresh server.
set -euo pipefail

ENDPOINT="${STRATUS_ENDPOINT:-http://127.0.0.1:9070}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Any credentials work until request signing is enforced; the CLI only needs some to sign with.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
lambda() { aws lambda --endpoint-url "$ENDPOINT" --output json "$@"; }

# 1. Package a handler.
cat > "$WORK/index.js" <<'JS'
exports.handler = async (event) => {
  return { statusCode: 200, body: JSON.stringify({ message: 'Hello from Stratus!' }) };
};
JS
(cd "$WORK" && python3 -c "import zipfile; z = zipfile.ZipFile('function.zip', 'w'); z.write('index.js'); z.close()")

# 2. Create the function and wait until it is Active.
lambda create-function --function-name hello-world --runtime nodejs22.x --handler index.handler \
    --role arn:aws:iam::000000000000:role/lambda-role --zip-file "fileb://$WORK/function.zip"
lambda wait function-active-v2 --function-name hello-world

# 3. Invoke it, with the last 4 KB of its log (START, its own lines, END, REPORT).
# AWS CLI v2 needs to be told that --payload is raw JSON; v1 takes it as it is.
RAW=(); aws --version 2>&1 | grep -q '^aws-cli/2' && RAW=(--cli-binary-format raw-in-base64-out)
lambda invoke --function-name hello-world --payload '{"name":"Ada"}' "${RAW[@]}" --log-type Tail \
    --query LogResult --output text "$WORK/response.json" | base64 -d
cat "$WORK/response.json"; echo
grep -q 'Hello from Stratus!' "$WORK/response.json"

# 4. List and read it.
lambda list-functions --query 'Functions[].FunctionName'
lambda get-function --function-name hello-world --query 'Configuration.[State,CodeSha256]'

# 5. Change its configuration, then its code.
lambda update-function-configuration --function-name hello-world --memory-size 256 --timeout 10 \
    --environment 'Variables={GREETING=hello}'
lambda wait function-updated-v2 --function-name hello-world
sed -i 's/Hello from Stratus!/Hello again!/' "$WORK/index.js"
(cd "$WORK" && python3 -c "import zipfile; z = zipfile.ZipFile('function.zip', 'w'); z.write('index.js'); z.close()")
lambda update-function-code --function-name hello-world --zip-file "fileb://$WORK/function.zip"
lambda wait function-updated-v2 --function-name hello-world
lambda get-function-configuration --function-name hello-world --query '[MemorySize,Timeout,Environment.Variables.GREETING]'
lambda invoke --function-name hello-world "$WORK/response.json" >/dev/null
grep -q 'Hello again!' "$WORK/response.json"

# 6. Publish a layer with a library and attach it; the function finds the library under /opt.
mkdir -p "$WORK/layer/nodejs/node_modules/greeting"
echo "exports.text = 'Hello from a layer!';" > "$WORK/layer/nodejs/node_modules/greeting/index.js"
(cd "$WORK/layer" && python3 -c "import zipfile; z = zipfile.ZipFile('../layer.zip', 'w'); \
z.write('nodejs/node_modules/greeting/index.js'); z.close()")
lambda publish-layer-version --layer-name greeting --zip-file "fileb://$WORK/layer.zip" \
    --compatible-runtimes nodejs22.x --query '[LayerVersionArn,Version]'
lambda update-function-configuration --function-name hello-world \
    --layers arn:aws:lambda:us-east-1:000000000000:layer:greeting:1
lambda wait function-updated-v2 --function-name hello-world
cat > "$WORK/index.js" <<'JS'
exports.handler = async () => ({ statusCode: 200, body: require('greeting').text });
JS
(cd "$WORK" && python3 -c "import zipfile; z = zipfile.ZipFile('function.zip', 'w'); z.write('index.js'); z.close()")
lambda update-function-code --function-name hello-world --zip-file "fileb://$WORK/function.zip"
lambda wait function-updated-v2 --function-name hello-world
lambda invoke --function-name hello-world "$WORK/response.json" >/dev/null
grep -q 'Hello from a layer!' "$WORK/response.json"

# 7. Give it a dead-letter queue and an asynchronous event that fails: after its one retry (set to zero here),
#    the event lands in the queue unchanged, with Lambda's RequestID, ErrorCode and ErrorMessage attributes.
sqs() { aws sqs --endpoint-url "$ENDPOINT" --output json "$@"; }
QUEUE_URL="$(sqs create-queue --queue-name hello-dlq --query QueueUrl --output text)"
lambda update-function-configuration --function-name hello-world \
    --dead-letter-config TargetArn=arn:aws:sqs:us-east-1:000000000000:hello-dlq
lambda wait function-updated-v2 --function-name hello-world
lambda put-function-event-invoke-config --function-name hello-world --maximum-retry-attempts 0
cat > "$WORK/index.js" <<'JS'
exports.handler = async () => { throw new Error('no greeting today'); };
JS
(cd "$WORK" && python3 -c "import zipfile; z = zipfile.ZipFile('function.zip', 'w'); z.write('index.js'); z.close()")
lambda update-function-code --function-name hello-world --zip-file "fileb://$WORK/function.zip"
lambda wait function-updated-v2 --function-name hello-world
lambda invoke --function-name hello-world --invocation-type Event --payload '{"order":42}' "${RAW[@]}" \
    "$WORK/response.json"
sqs receive-message --queue-url "$QUEUE_URL" --wait-time-seconds 20 --message-attribute-names All \
    --query 'Messages[0].[Body,MessageAttributes.ErrorMessage.StringValue]' | tee "$WORK/dead-letter.json"
grep -q 'no greeting today' "$WORK/dead-letter.json"
sqs delete-queue --queue-url "$QUEUE_URL"

# 8. Tag it, then delete it (and the layer version).
lambda tag-resource --resource arn:aws:lambda:us-east-1:000000000000:function:hello-world --tags team=docs
lambda list-tags --resource arn:aws:lambda:us-east-1:000000000000:function:hello-world
lambda delete-function --function-name hello-world
lambda delete-layer-version --layer-name greeting --version-number 1
echo "walkthrough finished"
