package com.sparkify.warehouse.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One of the analysts' queries: the SQL resource {@code sql/analytics/<name>.sql} (engine override
 * first) and how one of its result rows becomes a record.
 */
public record AnalyticsQuery<T extends Record>(String name, Class<T> rowType, RowMapper<T> mapper) {

    /** Reads the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static final AnalyticsQuery<TopSong> TOP_SONGS = new AnalyticsQuery<>("top_songs", TopSong.class,
            rs -> new TopSong(rank(rs), rs.getString("song_id"), rs.getString("title"), rs.getString("artist"),
                    rs.getLong("plays")));

    public static final AnalyticsQuery<TopArtist> TOP_ARTISTS = new AnalyticsQuery<>("top_artists", TopArtist.class,
            rs -> new TopArtist(rank(rs), rs.getString("artist_id"), rs.getString("artist"), rs.getLong("plays")));

    public static final AnalyticsQuery<ActiveUser> ACTIVE_USERS = new AnalyticsQuery<>("active_users",
            ActiveUser.class, rs -> new ActiveUser(rank(rs), rs.getInt("user_id"), rs.getString("first_name"),
                    rs.getString("last_name"), rs.getString("level"), rs.getLong("plays")));

    public static final AnalyticsQuery<HourPlays> PLAYS_BY_HOUR = new AnalyticsQuery<>("plays_by_hour",
            HourPlays.class, rs -> new HourPlays((int) rs.getLong("hour_of_day"), rs.getLong("plays")));

    public static final AnalyticsQuery<WeekdayPlays> PLAYS_BY_WEEKDAY = new AnalyticsQuery<>("plays_by_weekday",
            WeekdayPlays.class, rs -> new WeekdayPlays((int) rs.getLong("iso_weekday"), rs.getLong("plays")));

    public static final AnalyticsQuery<LevelPlays> LEVELS = new AnalyticsQuery<>("levels", LevelPlays.class,
            rs -> new LevelPlays(rs.getString("level"), rs.getLong("users"), rs.getLong("plays")));

    public static final AnalyticsQuery<TopLocation> TOP_LOCATIONS = new AnalyticsQuery<>("top_locations",
            TopLocation.class, rs -> new TopLocation(rank(rs), rs.getString("location"), rs.getLong("plays"),
                    rs.getLong("users")));

    public static final AnalyticsQuery<UserAgentPlays> USER_AGENTS = new AnalyticsQuery<>("user_agents",
            UserAgentPlays.class, rs -> new UserAgentPlays(rs.getString("browser"), rs.getString("os"),
                    rs.getLong("plays"), rs.getLong("users")));

    /** Every query, e.g. for checks over all SQL resources. */
    public static final List<AnalyticsQuery<?>> ALL = List.of(TOP_SONGS, TOP_ARTISTS, ACTIVE_USERS, PLAYS_BY_HOUR,
            PLAYS_BY_WEEKDAY, LEVELS, TOP_LOCATIONS, USER_AGENTS);

    /** The SQL resource name for {@link com.sparkify.warehouse.warehouse.SqlLibrary}. */
    public String resource() {
        return "analytics/" + name;
    }

    /** ROW_NUMBER is BIGINT on DuckDB and Redshift; it never exceeds the limit. */
    private static int rank(ResultSet rs) throws SQLException {
        return (int) rs.getLong("rnk");
    }
}
