/**
 * Deterministic generator of Sparkify raw data in the exact format of the Udacity bucket.
 *
 * <p>Entry points: {@link com.sparkify.warehouse.generator.SampleDataGenerator#generate} with
 * {@link com.sparkify.warehouse.generator.GeneratorOptions} and a
 * {@link com.sparkify.warehouse.generator.DataSink} (a directory or an S3 prefix), and the
 * {@link com.sparkify.warehouse.generator.GenerateCommand} command line.
 *
 * <p>What the output reproduces from the real data, on purpose:
 * <ul>
 *   <li>song files: one Million Song Dataset object per file, Python {@code json.dumps} style as in
 *       the Udacity workspace subset, under {@code song_data/A/X/Y/} after the track id; about 65%
 *       of artists without coordinates, half of the years 0;</li>
 *   <li>event files: eventsim JSON lines, one file per UTC day, compact with {@code /} escaped,
 *       userId a string ({@code ""} when logged out), registration a float, quoted user agents,
 *       all timestamps sharing one millisecond offset;</li>
 *   <li>non-ASCII artist names and titles doubly UTF-8 encoded in the log (the "BjÃ\u0083Â¶rk"
 *       oddity), so such plays never match the catalog;</li>
 *   <li>plays of songs missing from the catalog, and a few plays that match a catalog song's
 *       title and artist but not its duration.</li>
 * </ul>
 */
package com.sparkify.warehouse.generator;
