package dev.llmcatalog.source.opencompass;

/**
 * One quarterly edition of the CompassRank board as {@code listRankTableAvailableMonths} lists it:
 * {@code month} ({@code 24-02}), the CDN path of its data file and the date it was published.
 */
record Edition(String month, String fileName, String updateTime) {}
