package io.marketsentinel.cli;

/**
 * A command that ran and could not do its work for a reason the user can act on (a bad file, an
 * unreachable API, a store that refused). The message is the whole sentence printed, and the exit
 * status is 1; the cause is kept for {@code --debug}.
 */
final class CommandFailure extends RuntimeException {

    CommandFailure(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
