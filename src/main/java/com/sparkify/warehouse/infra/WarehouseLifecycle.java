package com.sparkify.warehouse.infra;

import java.util.Optional;

import com.sparkify.warehouse.run.Job;

/**
 * Creating, describing and deleting one kind of Redshift warehouse: a provisioned cluster or a
 * Serverless workgroup. Create and delete run as job work and report where to connect in its details.
 */
interface WarehouseLifecycle extends AutoCloseable {

    /** Creates (or reuses) the warehouse and its IAM role, and waits until it is available. */
    void create(Job job) throws InterruptedException;

    /** Deletes the warehouse, waits until it is gone, then deletes the role this service created. */
    void delete(Job job) throws InterruptedException;

    /** The warehouse as AWS reports it now, or empty when it does not exist. */
    Optional<ClusterView> describe();

    @Override
    void close();
}
