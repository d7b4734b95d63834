package com.sparkify.warehouse.analytics;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sparkify.warehouse.run.JobHistory;
import com.sparkify.warehouse.run.JobType;
import com.sparkify.warehouse.run.JobRecord;
import com.sparkify.warehouse.warehouse.SchemaService;
import com.sparkify.warehouse.warehouse.Tables;
import com.sparkify.warehouse.warehouse.Warehouse;
import com.sparkify.warehouse.warehouse.WarehouseChanged;

/**
 * Runs the analysts' queries with bound parameters and caches each result, with its JSON and entity
 * tag, per query and parameter values until the next successful reset or ETL run. Concurrent requests
 * for a result not cached yet run its query once and share the answer.
 */
@ApplicationScoped
public class AnalyticsService {

    /** Enough for every query with a year of daily windows; an entry is a few kilobytes at most. */
    static final int MAX_CACHED_RESULTS = 1000;

    private static final String SUMMARY = "summary";

    /** Cache key: the query and the values bound to it, so unused parameters share an entry. */
    private record Key(String query, List<Object> values) {
    }

    private final Warehouse warehouse;
    private final SchemaService schema;
    private final JobHistory jobs;
    private final ObjectMapper json;
    private final ResultCache<Key, QueryResult<?>> cache = new ResultCache<>(MAX_CACHED_RESULTS);
    private final Map<String, NamedSql> statements = new ConcurrentHashMap<>();
    /** The job that changed the warehouse last in this process, if any. */
    private volatile String lastChange;

    public AnalyticsService(Warehouse warehouse, SchemaService schema, JobHistory jobs, ObjectMapper json) {
        this.warehouse = warehouse;
        this.schema = schema;
        this.jobs = jobs;
        this.json = json;
    }

    /**
     * The rows of {@code query} for {@code filter}, from the cache when the warehouse has not changed since.
     *
     * @throws WarehouseMissingException when the warehouse tables were never created
     */
    public <T extends Record> QueryResult<T> run(AnalyticsQuery<T> query, AnalyticsFilter filter)
            throws SQLException {
        NamedSql sql = statements.computeIfAbsent(query.name(),
                name -> NamedSql.parse(warehouse.sql().get(query.resource())));
        List<Object> values = new ArrayList<>(sql.parameters().size());
        for (QueryParameter parameter : sql.parameters()) {
            values.add(parameter.value(filter));
        }
        @SuppressWarnings("unchecked")
        QueryResult<T> result = (QueryResult<T>) cache.getOrLoad(new Key(query.name(), values),
                () -> result(query.rowType(), execute(query, sql, values)));
        return result;
    }

    /**
     * One row: the row count of every table and the ETL run whose data the star schema holds.
     *
     * @throws WarehouseMissingException when the warehouse tables were never created
     */
    public QueryResult<Summary> summary() throws SQLException {
        Key key = new Key(SUMMARY, List.of());
        @SuppressWarnings("unchecked")
        QueryResult<Summary> cached = (QueryResult<Summary>) cache.get(key);
        if (cached != null) {
            return cached;
        }
        long generation = cache.generation();
        String change = lastChange;
        // Counts cover the tables that exist, so they also tell whether the warehouse was ever created.
        Map<String, Long> counts = schema.counts();
        if (!counts.keySet().containsAll(Tables.ALL)) {
            throw new WarehouseMissingException();
        }
        Optional<JobRecord> run = jobs.lastSucceeded(JobType.ETL_RUN);
        Optional<JobRecord> reset = jobs.lastSucceeded(JobType.SCHEMA_RESET);
        // The run is what the tables hold unless a successful reset emptied them after it.
        Optional<JobRecord> loaded = run.filter(r -> reset.isEmpty() || reset.get().finishedAt() == null
                || r.finishedAt() == null || r.finishedAt().isAfter(reset.get().finishedAt()));
        Summary summary = new Summary(counts.get(Tables.STAGING_EVENTS), counts.get(Tables.STAGING_SONGS),
                counts.get(Tables.SONGPLAYS), counts.get(Tables.USERS), counts.get(Tables.SONGS),
                counts.get(Tables.ARTISTS), counts.get(Tables.TIME),
                loaded.map(JobRecord::id).orElse(null), loaded.map(JobRecord::finishedAt).orElse(null));
        QueryResult<Summary> result = result(Summary.class, List.of(summary));
        // A job announces its change just before it is marked SUCCEEDED: until the history shows it,
        // the answer is right for now but must not be kept.
        boolean settled = change == null || run.map(JobRecord::id).filter(change::equals).isPresent()
                || reset.map(JobRecord::id).filter(change::equals).isPresent();
        if (settled) {
            cache.put(key, result, generation);
        }
        return result;
    }

    /** Drops every cached result: the tables were replaced. */
    void onWarehouseChanged(@Observes WarehouseChanged event) {
        lastChange = event.jobId();
        cache.invalidate();
    }

    private <T extends Record> List<T> execute(AnalyticsQuery<T> query, NamedSql sql, List<Object> values)
            throws SQLException {
        try (Connection c = warehouse.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(sql.sql())) {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value == null) {
                    ps.setNull(i + 1, sql.parameters().get(i).sqlType());
                } else {
                    ps.setObject(i + 1, value);
                }
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(query.mapper().map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            // Only a failed query pays for the catalog look-up that tells "never created" from a real error.
            if (!schema.exists()) {
                throw new WarehouseMissingException();
            }
            throw e;
        }
    }

    private <T extends Record> QueryResult<T> result(Class<T> rowType, List<T> rows) {
        try {
            byte[] body = json.writeValueAsBytes(rows);
            return new QueryResult<>(rowType, rows, body, etag(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("analytics rows cannot be written as JSON", e);
        }
    }

    /** 128 bits of the body's SHA-256: the same rows give the same tag, across restarts too. */
    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
