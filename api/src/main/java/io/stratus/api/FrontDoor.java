package io.stratus.api;

import io.stratus.api.console.ConsoleAssets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends each request on the server's one port to the API it belongs to, in this order:
 * <ol>
 *   <li>host-style data planes: {@code {url-id}.lambda-url.*} to function URLs and {@code {api-id}.execute-api.*}
 *       to HTTP APIs, whatever the rest of the host name (so {@code localhost}, a region domain or a LAN name all
 *       work);</li>
 *   <li>their path-style equivalents on any host: {@code /lambda-url/{url-id}/…} and
 *       {@code /execute-api/{api-id}/…};</li>
 *   <li>AWS JSON services by the prefix of {@code X-Amz-Target} ({@code AWSEvents.PutRule} → EventBridge,
 *       {@code AmazonSQS.SendMessage} → queues), whatever the path (SQS clients may post to a queue URL);</li>
 *   <li>the web console's files: {@code /console/…}, with {@code /} and {@code /console} redirecting there;</li>
 *   <li>everything else to the REST APIs by method and path (Lambda's dated paths, API Gateway v2's {@code /v2/}).
 *   </li>
 * </ol>
 * The SigV4 credential scope is not needed to tell these apart: no two services share a path or a target prefix.
 */
public final class FrontDoor extends Handler.Abstract {

    /** Path-style prefix of function URLs. */
    public static final String FUNCTION_URL_PREFIX = "/lambda-url/";
    /** Path-style prefix of HTTP APIs. */
    public static final String EXECUTE_API_PREFIX = "/execute-api/";

    private static final Pattern URL_HOST = Pattern.compile("^([a-z0-9]+)\\.lambda-url\\..*");
    private static final Pattern API_HOST = Pattern.compile("^([a-z0-9]+)\\.execute-api\\..*");

    private final Handler restApis;
    private final Ingress functionUrls;
    private final Ingress httpApis;
    private final Map<String, Handler> jsonServices;
    private final Handler console;

    /**
     * @param restApis     REST-JSON APIs routed by path
     * @param functionUrls function URL invocations
     * @param httpApis     HTTP API invocations
     * @param jsonServices AWS JSON services by target prefix (the part of {@code X-Amz-Target} before the dot)
     * @param console      the web console's files ({@link io.stratus.api.console.ConsoleAssets})
     */
    public FrontDoor(Handler restApis, Ingress functionUrls, Ingress httpApis, Map<String, Handler> jsonServices,
                     Handler console) {
        this.restApis = restApis;
        this.functionUrls = functionUrls;
        this.httpApis = httpApis;
        this.jsonServices = Map.copyOf(jsonServices);
        this.console = console;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = hostName(request);
        String path = request.getHttpURI().getPath();
        Matcher m = URL_HOST.matcher(host);
        if (m.matches()) {
            functionUrls.serve(request, response, callback, m.group(1), path);
            return true;
        }
        m = API_HOST.matcher(host);
        if (m.matches()) {
            httpApis.serve(request, response, callback, m.group(1), path);
            return true;
        }
        if (path.startsWith(FUNCTION_URL_PREFIX)) {
            return pathStyle(functionUrls, FUNCTION_URL_PREFIX, request, response, callback, path);
        }
        if (path.startsWith(EXECUTE_API_PREFIX)) {
            return pathStyle(httpApis, EXECUTE_API_PREFIX, request, response, callback, path);
        }
        String target = request.getHeaders().get("X-Amz-Target");
        if (target != null) {
            int dot = target.indexOf('.');
            Handler service = dot > 0 ? jsonServices.get(target.substring(0, dot)) : null;
            if (service == null) {
                unknownTarget(response, callback, target);
                return true;
            }
            return service.handle(request, response, callback);
        }
        if (ConsoleAssets.serves(path)) {
            return console.handle(request, response, callback);
        }
        return restApis.handle(request, response, callback);
    }

    private static boolean pathStyle(Ingress ingress, String prefix, Request request, Response response,
                                     Callback callback, String path) {
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        String id = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
        String remainder = slash < 0 ? "/" : rest.substring(slash);
        ingress.serve(request, response, callback, id, remainder);
        return true;
    }

    private static String hostName(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            return "";
        }
        host = host.toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]")) {
            host = host.substring(0, colon);
        }
        return host;
    }

    private static void unknownTarget(Response response, Callback callback, String target) {
        byte[] body = ("{\"__type\":\"UnknownOperationException\",\"message\":\"No service handles target "
                + target.replace("\"", "") + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(400);
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.1");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
