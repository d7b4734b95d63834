package com.sparkify.warehouse.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the song of each NextSong event.
 *
 * <p>A share of plays ({@link GeneratorOptions#unmatchedShare()}) names songs that are not in the
 * catalog, as most plays of the real log do. Both catalog songs and the outside songs follow a
 * Zipf-like popularity. The outside pool is virtual: the song of rank {@code r} is derived from
 * the seed and {@code r} alone, so it costs no memory and repeats consistently (same title,
 * artist and length) every time that rank is played.
 *
 * <p>As in the real logs, every non-ASCII title or artist name reaches the log doubly UTF-8
 * encoded, so plays of such catalog songs never match the catalog.
 */
final class SongPicker {

    /** Popularity skew of catalog songs: the top song gets about 7% of the plays of 300 songs. */
    private static final double CATALOG_EXPONENT = 0.8;
    /** Flatter skew for the huge outside pool: the top song gets about 0.4% of the plays. */
    private static final double OUTSIDE_EXPONENT = 0.6;
    private static final int MIN_OUTSIDE_POOL = 50_000;
    /**
     * Share of outside songs that reuse a catalog song's title and artist with another duration.
     * The real log has such plays (333 title-and-artist matches, 319 with the duration too), and
     * they catch a song lookup that forgets to compare the length.
     */
    static final double NEAR_MISS_SHARE = 0.02;
    private static final int CACHE_SIZE = 4096;

    /** The rendered fields of one playable song. */
    static final class Play {
        final byte[] songJson;
        final byte[] artistJson;
        final byte[] lengthJson;
        final long durationUnits;
        final boolean matchesCatalog;

        Play(String title, String artistName, long durationUnits, boolean matchesCatalog) {
            this.songJson = JsonBuffer.quoted(asLogged(title), true);
            this.artistJson = JsonBuffer.quoted(asLogged(artistName), true);
            this.lengthJson = new JsonBuffer(16).fixed5(durationUnits).toByteArray();
            this.durationUnits = durationUnits;
            this.matchesCatalog = matchesCatalog;
        }

        private static String asLogged(String text) {
            return JsonBuffer.isAscii(text) ? text : JsonBuffer.doublyUtf8Encoded(text);
        }
    }

    private final long seed;
    private final double unmatchedShare;
    private final SongCatalog catalog;
    private final Play[] catalogPlays;
    private final Zipf catalogPopularity;
    private final int[] catalogByRank;
    private final Zipf outsidePopularity;
    private final int outsideArtists;
    private final Play[] outsideCache = new Play[CACHE_SIZE];
    private final int[] outsideCacheRank = new int[CACHE_SIZE];

    SongPicker(GeneratorOptions options, SongCatalog catalog) {
        this.seed = options.seed();
        this.unmatchedShare = options.unmatchedShare();
        this.catalog = catalog;
        List<SongCatalog.Song> songs = catalog.songs();
        catalogPlays = new Play[songs.size()];
        for (int i = 0; i < catalogPlays.length; i++) {
            SongCatalog.Song song = songs.get(i);
            boolean ascii = JsonBuffer.isAscii(song.title()) && JsonBuffer.isAscii(song.artist().name());
            catalogPlays[i] = new Play(song.title(), song.artist().name(), song.durationUnits(), ascii);
        }
        // Popularity ranks are a random permutation, so the hits are not simply the first songs.
        SplittableRandom rng = Randomness.stream(seed, Randomness.POPULARITY);
        catalogByRank = new int[songs.size()];
        for (int i = 0; i < catalogByRank.length; i++) {
            int j = rng.nextInt(i + 1);
            catalogByRank[i] = catalogByRank[j];
            catalogByRank[j] = i;
        }
        catalogPopularity = new Zipf(songs.size(), CATALOG_EXPONENT);
        int outsidePool = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_OUTSIDE_POOL, 20L * songs.size()));
        outsidePopularity = new Zipf(outsidePool, OUTSIDE_EXPONENT);
        outsideArtists = Math.max(1, outsidePool / 3);
    }

    Play next(SplittableRandom rng) {
        if (rng.nextDouble() < unmatchedShare) {
            return outsideSong(outsidePopularity.sample(rng));
        }
        return catalogPlays[catalogByRank[catalogPopularity.sample(rng) - 1]];
    }

    private Play outsideSong(int rank) {
        int slot = rank & (CACHE_SIZE - 1);
        if (outsideCacheRank[slot] == rank) {
            return outsideCache[slot];
        }
        Play play = createOutsideSong(rank);
        outsideCache[slot] = play;
        outsideCacheRank[slot] = rank;
        return play;
    }

    private Play createOutsideSong(int rank) {
        SplittableRandom rng = Randomness.stream(seed, Randomness.OUTSIDE_SONGS, rank);
        if (rng.nextDouble() < NEAR_MISS_SHARE) {
            SongCatalog.Song original = catalog.songs().get(rng.nextInt(catalog.songs().size()));
            long shift = (1 + rng.nextInt(30)) * 100_000L + rng.nextInt(100_000);
            long duration = original.durationUnits() > shift && rng.nextBoolean()
                    ? original.durationUnits() - shift
                    : original.durationUnits() + shift;
            return new Play(original.title(), original.artist().name(), duration, false);
        }
        // Outside artists have several songs each, like real ones: the artist is drawn from a
        // smaller pool and its name derived from its own index.
        int artistIndex = rng.nextInt(outsideArtists);
        String artist = NameFactory.artistName(Randomness.stream(seed, Randomness.OUTSIDE_ARTISTS, artistIndex));
        String title = NameFactory.title(rng);
        while (catalog.containsTitleAndArtist(title, artist)) {
            title = NameFactory.title(rng);
        }
        return new Play(title, artist, SongCatalog.durationUnits(rng), false);
    }
}
