package io.marketsentinel.lambda;

/** The HTTP request was not acceptable; the message says what was wrong (answered with 400). */
class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
