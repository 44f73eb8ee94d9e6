package io.marketsentinel.market;

/**
 * One HTTP request made to CoinGecko, for the report (the quota is the bill).
 *
 * @param request e.g. "GET /global"
 * @param status  the HTTP status, or 0 when no response came (timeout, refused)
 * @param millis  how long it took, to a tenth of a millisecond
 */
public record ApiCall(String request, int status, double millis) {
}
