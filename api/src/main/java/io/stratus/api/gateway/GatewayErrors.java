package io.stratus.api.gateway;

import io.stratus.model.error.ServiceError;

/** API Gateway's error types with their statuses; messages follow API Gateway's wording where it is known. */
final class GatewayErrors {

    private GatewayErrors() {
    }

    static ServiceError notFound(String message) {
        return new ServiceError(404, "NotFoundException", message);
    }

    static ServiceError badRequest(String message) {
        return new ServiceError(400, "BadRequestException", message);
    }

    static ServiceError conflict(String message) {
        return new ServiceError(409, "ConflictException", message);
    }
}
