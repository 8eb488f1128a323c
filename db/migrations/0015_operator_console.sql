-- Reserved for operator console; replaced by its tables when they land.
SELECT 1;
