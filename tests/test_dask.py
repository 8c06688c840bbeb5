"""The Dask path: a LocalCluster of two worker processes gives the same records, in order."""
import pytest

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import govie  # noqa: E402
from govie.dask import extract_bag  # noqa: E402


def test_local_cluster_with_two_workers_matches_sequential_extraction():
    texts = [f"一、主要任务\n{i}.新建第{i}所学校,年内完成。(区教育局牵头,各街道配合)" for i in range(1, 7)]
    expected = [govie.extract(t, year=2022).to_dict() for t in texts]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        bag = dask_bag.from_sequence(texts, npartitions=3)
        records = extract_bag(bag, year=2022).compute()
        assert len(client.scheduler_info()["workers"]) == 2
    assert records == expected
    assert all(r["relations"] for r in records)
