// The one error type operations throw: the server turns it into the wire error of the calling
// service (awsJson `__type` for CloudWatch Logs, `x-amzn-errortype` for API Gateway).

export class ServiceError extends Error {
	override name = 'ServiceError';

	constructor(
		/** The error shape name the SDK reports as `err.name` (`ResourceNotFoundException`). */
		readonly code: string,
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

export const invalidParameter = (message: string): ServiceError => new ServiceError('InvalidParameterException', message);

export const logGroupNotFound = (): ServiceError =>
	new ServiceError('ResourceNotFoundException', 'The specified log group does not exist.');

export const logStreamNotFound = (): ServiceError =>
	new ServiceError('ResourceNotFoundException', 'The specified log stream does not exist.');
