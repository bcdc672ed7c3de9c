package dev.llmcatalog.source.opencompass;

/**
 * One quarterly edition of the CompassRank board as {@code listRankTableAvailableMonths} lists it:
 * {@code month} ({@code 24-02}), the CDN path of its data file and the date it was published (null when the
 * entry gives none: the date only dates the data, the file is what matters).
 */
record Edition(String month, String fileName, String updateTime) {}
