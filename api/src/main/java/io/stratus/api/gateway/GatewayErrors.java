package io.stratus.api.gateway;

import io.stratus.model.error.ServiceError;
import java.util.Map;

/** API Gateway's error types with their statuses; messages follow API Gateway's wording where it is known. */
final class GatewayErrors {

    private GatewayErrors() {
    }

    /**
     * A missing resource; AWS's model gives the body a {@code resourceType} member beside {@code message}.
     *
     * @param resourceType {@code Api}, {@code Route}, {@code Integration}, {@code Stage} or {@code Deployment}
     */
    static ServiceError notFound(String resourceType, String message) {
        return new ServiceError(404, "NotFoundException", message, Map.of("resourceType", resourceType));
    }

    static ServiceError badRequest(String message) {
        return new ServiceError(400, "BadRequestException", message);
    }

    static ServiceError conflict(String message) {
        return new ServiceError(409, "ConflictException", message);
    }
}
