package com.sparkify.warehouse.warehouse.redshift;

import javax.sql.DataSource;

import com.sparkify.warehouse.config.SparkifyConfig;
import com.sparkify.warehouse.run.Job;
import com.sparkify.warehouse.run.JobFailure;
import com.sparkify.warehouse.source.EtlSources;
import com.sparkify.warehouse.source.SourceService;
import com.sparkify.warehouse.warehouse.SqlLibrary;
import com.sparkify.warehouse.warehouse.Warehouse;

/**
 * Amazon Redshift: staging with COPY from S3 so the data never passes through the service.
 */
public final class RedshiftWarehouse implements Warehouse {

    private final DataSource dataSource;
    private final SqlLibrary sql = new SqlLibrary("redshift");

    public RedshiftWarehouse(DataSource dataSource, RedshiftSettings settings, SparkifyConfig config,
            SourceService sources) {
        this.dataSource = dataSource;
    }

    @Override
    public String engine() {
        return "redshift";
    }

    @Override
    public SqlLibrary sql() {
        return sql;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String location() {
        return "redshift";
    }

    @Override
    public void stage(EtlSources sources, Job job) {
        throw new JobFailure("staging on Redshift is not available in this build yet");
    }
}
