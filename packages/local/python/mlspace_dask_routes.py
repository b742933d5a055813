"""Scheduler preload for MLSpace's local clusters.

Debian packages no Bokeh, so Dask's dashboard is not available; this adds one JSON route to the
scheduler's own HTTP server, /mlspace/workers, with what the cluster page shows of each worker:
its memory (limit and what the process uses) and the tasks it is processing now.

Started as: dask-scheduler --preload mlspace_dask_routes (with this folder on PYTHONPATH).
"""
import json

from tornado.web import RequestHandler


class WorkersHandler(RequestHandler):
    def initialize(self, scheduler):
        self.scheduler = scheduler

    def get(self):
        workers = []
        for ws in self.scheduler.workers.values():
            workers.append(
                {
                    "address": ws.address,
                    "name": str(ws.name),
                    "threads": ws.nthreads,
                    "memoryLimitBytes": ws.memory_limit,
                    "memoryUsedBytes": ws.memory.process,
                    "processingTasks": sorted(str(ts.key) for ts in ws.processing),
                    "storedResults": len(ws.has_what),
                }
            )
        self.set_header("Content-Type", "application/json")
        self.write(
            json.dumps(
                {
                    "address": self.scheduler.address,
                    "workers": workers,
                    "tasks": len(self.scheduler.tasks),
                }
            )
        )


def dask_setup(scheduler):
    scheduler.http_application.add_handlers(
        r".*", [(r"/mlspace/workers", WorkersHandler, {"scheduler": scheduler})]
    )
