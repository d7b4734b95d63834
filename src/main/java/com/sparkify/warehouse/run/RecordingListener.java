package com.sparkify.warehouse.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceLocation;
import com.sparkify.warehouse.source.SourceObject;
import com.sparkify.warehouse.warehouse.LoadError;
import com.sparkify.warehouse.warehouse.Ledger;
import com.sparkify.warehouse.warehouse.StagingListener;
import com.sparkify.warehouse.warehouse.StagingReport;
import com.sparkify.warehouse.warehouse.Tables;

/**
 * The job as a load's listener, noting which objects the load listed at which location: what the
 * ledger records once the run commits.
 */
final class RecordingListener implements StagingListener {

    private record Listed(SourceLocation location, List<SourceObject> objects) {
    }

    private final Job job;
    private final List<Listed> listed = new CopyOnWriteArrayList<>();

    RecordingListener(Job job) {
        this.job = job;
    }

    /**
     * The ledger's entries for what was listed, loaded by the job at {@code at}. Rows are the table's when
     * the load staged a single object into it, the only case where the engine's count is the object's.
     */
    List<Ledger.Entry> entries(EtlSources sources, StagingReport report, Instant at) {
        List<Ledger.Entry> entries = new ArrayList<>();
        for (Listed l : listed) {
            String table = l.location().equals(sources.songData()) ? Tables.STAGING_SONGS
                    : l.location().equals(sources.logData()) ? Tables.STAGING_EVENTS : null;
            if (table == null) {
                continue;
            }
            Map<String, Long> rows = report.rows();
            Long single = l.objects().size() == 1 ? rows.get(table) : null;
            for (SourceObject o : l.objects()) {
                entries.add(new Ledger.Entry(l.location().toString(), table, o.key(), o.size(), o.version(), single,
                        job.id(), at));
            }
        }
        return entries;
    }

    @Override
    public void listed(SourceLocation location, List<SourceObject> objects) {
        listed.add(new Listed(location, List.copyOf(objects)));
        job.listed(objects);
    }

    @Override
    public void listed(List<SourceObject> objects) {
        job.listed(objects);
    }

    @Override
    public void objectDone(long bytes) {
        job.objectDone(bytes);
    }

    @Override
    public void rowsStaged(String table, long rows) {
        job.rowsStaged(table, rows);
    }

    @Override
    public void retract(long objects, long bytes, String table, long rows) {
        job.retract(objects, bytes, table, rows);
    }

    @Override
    public void loadError(LoadError error) {
        job.loadError(error);
    }

    @Override
    public Step step(String name) {
        return job.step(name);
    }

    @Override
    public void detail(String key, String value) {
        job.detail(key, value);
    }

    @Override
    public void checkpoint() {
        job.checkpoint();
    }

    @Override
    public boolean isCancelRequested() {
        return job.isCancelRequested();
    }

    @Override
    public Registration onCancel(Runnable hook) {
        return job.onCancel(hook);
    }
}
