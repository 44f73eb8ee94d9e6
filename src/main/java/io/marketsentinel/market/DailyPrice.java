package io.marketsentinel.market;

import java.time.LocalDate;

/** A coin's price on one UTC day, from the bootstrap. */
public record DailyPrice(LocalDate day, double priceUsd) {
}
