// A service whose root module fails while Nest builds it, as a service with a bad configuration or an
// unreachable dependency does: run by run-service.int.spec.ts to see what the process says and how it ends.
import { Module } from '@nestjs/common';
import { runService } from '../src/run-service';

@Module({
  providers: [
    {
      provide: 'DEPENDENCY',
      useFactory: () => {
        throw new Error('the dependency refused the connection');
      },
    },
  ],
})
class FailingModule {}

runService({
  service: 'failing-service',
  config: { LOG_LEVEL: 'info' },
  module: () => FailingModule,
  port: 0,
  host: '127.0.0.1',
  consumers: false,
});
