package com.sparkify.warehouse.generator;

/**
 * What one generator run wrote; every figure can be recounted from the written files.
 *
 * @param songFiles      song files written under {@code song_data/}
 * @param artists        distinct artist ids among the song files
 * @param users          distinct non-empty userIds among the events
 * @param events         event lines written under {@code log_data/}
 * @param nextSongEvents events with page NextSong
 * @param matchedPlays   NextSong events whose song, artist and length equal a catalog song's
 *                       title, artist_name and duration
 * @param days           daily event files written
 * @param bytesWritten   total bytes of all written objects, including {@code log_json_path.json}
 */
public record GenerationSummary(
        int songFiles,
        int artists,
        int users,
        long events,
        long nextSongEvents,
        long matchedPlays,
        int days,
        long bytesWritten) {
}
